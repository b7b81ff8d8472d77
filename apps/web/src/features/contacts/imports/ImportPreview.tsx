import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import {
  importDelimiterSchema,
  importEncodingSchema,
  type ContactUploadPreview,
  type ImportDelimiter,
  type ImportEncoding,
  type ImportPolicy,
} from '@kiana/contracts';
import { ApiErrorAlert } from '../../../app/ApiErrorAlert';
import { ScrollTable } from '../../../app/ScrollTable';
import { assignRole, mappingOf, rolesOf, type ColumnRole } from './import-mapping';
import { useStartImport, useUploadPreview } from './imports.api';

const FIXED_ROLES = ['ignore', 'number', 'name', 'tags', 'language', 'consent'] as const;

interface Props {
  uploadId: string;
  encoding: ImportEncoding | undefined;
  delimiter: ImportDelimiter | undefined;
  onEncoding: (e: ImportEncoding) => void;
  onDelimiter: (d: ImportDelimiter) => void;
  policy: ImportPolicy;
  policySelect: ReactNode;
  onStarted: (importId: string) => void;
  onError: (error: unknown) => void;
}

/**
 * The first rows as the server reads them, under the detected (or chosen) encoding and
 * delimiter; each column's role starts as the server's guess and can be changed.
 */
export function ImportPreview(props: Props) {
  const { t } = useTranslation();
  const chosen = { encoding: props.encoding, delimiter: props.delimiter };
  const preview = useUploadPreview(props.uploadId, chosen);
  if (preview.error !== null) return <ApiErrorAlert error={preview.error} />;
  if (preview.data === undefined) return <Loader aria-label={t('common.loading')} />;
  const p = preview.data;
  // Another encoding or delimiter reads other columns: the view starts again from the
  // server's guess for them (a new key remounts it with fresh state).
  const format = `${p.encoding}|${p.delimiter}|${JSON.stringify(p.header)}`;
  return <PreviewView key={format} {...props} preview={p} reloading={preview.isFetching} />;
}

function PreviewView({
  preview: p,
  reloading,
  ...props
}: Props & { preview: ContactUploadPreview; reloading: boolean }) {
  const { t } = useTranslation();
  const width = Math.max(p.header.length, ...p.rows.map((r) => r.length));
  const [roles, setRoles] = useState<ColumnRole[]>(() => rolesOf(p.mapping, width));
  const start = useStartImport();
  const mapping = mappingOf(roles);
  const roleOptions = [
    ...FIXED_ROLES.map((r) => ({ value: r, label: t(`imports.roles.${r}`) })),
    ...p.attributeKeys.map((key) => ({
      value: `attribute:${key}`,
      label: t('imports.roles.attribute', { name: key }),
    })),
  ];
  const delimiterLabel = (d: ImportDelimiter) =>
    t(`imports.delimiters.${d === ',' ? 'comma' : d === ';' ? 'semicolon' : 'tab'}`);
  return (
    <Stack>
      <Card withBorder>
        <Group align="flex-end">
          <Select
            label={t('imports.encoding')}
            description={p.encodingDetected ? t('imports.detected') : t('imports.chosen')}
            data={importEncodingSchema.options.map((e) => ({ value: e, label: e.toUpperCase() }))}
            value={p.encoding}
            onChange={(v) => {
              const e = importEncodingSchema.safeParse(v);
              if (e.success) props.onEncoding(e.data);
            }}
            allowDeselect={false}
            w={200}
            data-testid="import-encoding"
          />
          <Select
            label={t('imports.delimiter')}
            description={
              props.delimiter === undefined ? t('imports.detected') : t('imports.chosen')
            }
            data={importDelimiterSchema.options.map((d) => ({
              value: d,
              label: delimiterLabel(d),
            }))}
            value={p.delimiter}
            onChange={(v) => {
              const d = importDelimiterSchema.safeParse(v);
              if (d.success) props.onDelimiter(d.data);
            }}
            allowDeselect={false}
            w={200}
            data-testid="import-delimiter"
          />
          {props.policySelect}
          {reloading && <Loader size="sm" aria-label={t('common.loading')} />}
        </Group>
      </Card>
      {p.problem !== null && (
        <Alert color="red" title={t('imports.unreadable')} data-testid="preview-problem">
          <bdi>{p.problem}</bdi>
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t('imports.mappingHint')}
      </Text>
      <ScrollTable minWidth={Math.max(600, width * 160)} label={t('imports.previewLabel')}>
        <Table striped withColumnBorders data-testid="import-preview">
          <Table.Thead>
            <Table.Tr>
              {Array.from({ length: width }, (_, i) => (
                <Table.Th key={i} miw={150}>
                  <Stack gap={4}>
                    <Text size="sm" fw={600} dir="auto">
                      {p.header[i] ?? t('imports.column', { n: i + 1 })}
                    </Text>
                    <Select
                      size="xs"
                      aria-label={t('imports.roleOf', { column: p.header[i] ?? i + 1 })}
                      data={roleOptions}
                      value={roles[i] ?? 'ignore'}
                      onChange={(v) =>
                        v !== null && setRoles(assignRole(roles, i, v as ColumnRole))
                      }
                      allowDeselect={false}
                      data-testid={`column-role-${i}`}
                    />
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.rows.map((row, r) => (
              <Table.Tr key={r}>
                {Array.from({ length: width }, (_, i) => (
                  <Table.Td key={i} dir="auto">
                    {row[i] ?? ''}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Group justify="space-between">
        {mapping === null ? (
          <Badge color="orange" variant="light" data-testid="needs-number">
            {t('imports.needsNumber')}
          </Badge>
        ) : (
          <span />
        )}
        <Button
          disabled={mapping === null || p.problem !== null}
          loading={start.isPending}
          data-testid="start-import"
          onClick={() =>
            mapping !== null &&
            start.mutate(
              {
                uploadId: props.uploadId,
                encoding: p.encoding,
                delimiter: p.delimiter,
                mapping,
                policy: props.policy,
              },
              { onSuccess: (i) => props.onStarted(i.id), onError: props.onError },
            )
          }
        >
          {t('imports.start')}
        </Button>
      </Group>
    </Stack>
  );
}
