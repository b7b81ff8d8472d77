import type { TemplateDto } from '@kiana/contracts';
import { templateComponentSchema } from '@kiana/contracts';
import { z } from 'zod';
import type { TemplateRow } from './templates.repo';
import type { RenderableTemplate } from './templates.render';

const componentsSchema = z.array(templateComponentSchema.catchall(z.unknown())).catch([]);

/** The stored components, parsed (a malformed value reads as no components). */
export function componentsOf(row: TemplateRow): TemplateDto['components'] {
  return componentsSchema.parse(JSON.parse(row.components));
}

/** A template row as the API shows it. */
export function toTemplateDto(row: TemplateRow): TemplateDto {
  return {
    id: row.id,
    accountId: row.accountId,
    metaId: row.metaId,
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    parameterFormat: row.parameterFormat === 'NAMED' ? 'NAMED' : 'POSITIONAL',
    components: componentsOf(row),
    rejectedReason: row.rejectedReason,
    qualityScore: row.qualityScore,
    previousCategory: row.previousCategory,
    syncedAt: row.syncedAt === null ? null : new Date(Number(row.syncedAt)).toISOString(),
    updatedAt: new Date(Number(row.updatedAt)).toISOString(),
  };
}

/** A stored template as the renderer takes it. */
export function toRenderable(row: TemplateRow): RenderableTemplate {
  const dto = toTemplateDto(row);
  return {
    name: dto.name,
    language: dto.language,
    parameterFormat: dto.parameterFormat,
    components: dto.components,
  };
}
