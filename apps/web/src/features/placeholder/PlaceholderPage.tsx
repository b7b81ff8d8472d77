import { Alert } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { PageHeader } from '../../app/PageHeader';

/** Stands in for a section whose module has not been built yet, and says so plainly. */
export function PlaceholderPage({ title, description }: { title: string; description: string }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <Alert variant="light" icon={<IconInfoCircle />} title="Not available yet">
        This section is part of the roadmap and is not available in this version.
      </Alert>
    </>
  );
}
