import type { TFunction } from 'i18next';
import { checkOutboundMedia, mediaTakesCaption, outboundMediaRule } from '@kiana/contracts';

const MB = 1024 * 1024;

/** A size as people read it: KB under a megabyte, MB with one decimal above. */
export function formatSize(bytes: number): string {
  return bytes >= MB
    ? `${(bytes / MB).toFixed(1)} MB`
    : `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

/**
 * Why a picked file cannot be sent (Meta's types and limits, shared with the server), or
 * null. Checked before the upload so a 20 MB video is refused at once, not after a minute.
 */
export function attachmentProblem(file: File, t: TFunction): string | null {
  const problem = checkOutboundMedia({ name: file.name, type: file.type, size: file.size });
  if (problem === null) return null;
  const type = file.type === '' ? t('inbox.composer.unknownType') : file.type;
  if (problem.code === 'unsupported_type')
    return t('inbox.composer.fileType', { name: file.name, type });
  if (problem.code === 'empty') return t('inbox.composer.fileEmpty', { name: file.name });
  return t('inbox.composer.fileTooLarge', {
    name: file.name,
    type,
    size: formatSize(problem.size),
    max: formatSize(problem.maxBytes),
  });
}

/** Whether the text typed may go with this file as its caption (not for audio, stickers). */
export function takesCaption(file: File): boolean {
  const rule = outboundMediaRule(file.type);
  return rule === undefined || mediaTakesCaption(rule.kind);
}
