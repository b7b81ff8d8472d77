import { Badge, Group } from '@mantine/core';

/** A contact's tags as badges in each tag's colour. */
export function TagBadges({
  tags,
}: {
  tags: readonly { id: string; name: string; colour: string | null }[];
}) {
  return (
    <Group gap={4}>
      {tags.map((tag) => (
        <Badge key={tag.id} variant="light" color={tag.colour ?? 'blue'} data-testid="tag-badge">
          <bdi>{tag.name}</bdi>
        </Badge>
      ))}
    </Group>
  );
}
