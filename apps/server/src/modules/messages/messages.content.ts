import type { SendMessageBody, TemplateMapping, TemplateSlot } from '@kiana/contracts';
import type { MessageContent } from '../../whatsapp/graph.messages';

/** The free-form body of a text or media send (Meta's snake_case shape). */
export function freeFormContent(body: SendMessageBody): MessageContent {
  if (body.text !== undefined)
    return {
      type: 'text',
      text: {
        body: body.text.body,
        ...(body.text.previewUrl === undefined ? {} : { preview_url: body.text.previewUrl }),
      },
    } as MessageContent;
  const media = body.media;
  if (media === undefined) throw new Error('freeFormContent needs text or media');
  const object: Record<string, string> = { link: media.link };
  // Meta accepts a caption on images, videos and documents, a file name on documents only.
  if (media.caption !== undefined && media.type !== 'audio') object.caption = media.caption;
  if (media.filename !== undefined && media.type === 'document') object.filename = media.filename;
  return { type: media.type, [media.type]: object } as MessageContent;
}

/** A body variable may be named without its `body.` prefix (`first_name`, `1`). */
function bareKeyOf(slot: TemplateSlot): string | undefined {
  return slot.key.startsWith('body.') ? slot.key.slice('body.'.length) : undefined;
}

/**
 * The mapping of a template send from the caller's parameters (slot key → text): each
 * text, URL-suffix or coupon slot takes its value, a media header a link or media id; slots left out stay unmapped and the
 * renderer names them as missing (a 400 before anything reaches Meta).
 */
export function mappingOf(
  slots: readonly TemplateSlot[],
  parameters: Readonly<Record<string, string>>,
): TemplateMapping {
  const mapping: TemplateMapping = {};
  for (const slot of slots) {
    const value = parameters[slot.key] ?? parameters[bareKeyOf(slot) ?? ''];
    if (value === undefined) continue;
    if (slot.kind === 'media' && slot.media !== undefined)
      // A link Meta fetches, or the id of media uploaded to Meta (digits only).
      mapping[slot.key] = /^\d+$/.test(value)
        ? { type: 'media', media: slot.media, id: { from: 'fixed', value } }
        : { type: 'media', media: slot.media, link: { from: 'fixed', value } };
    else if (slot.kind === 'coupon_code')
      mapping[slot.key] = { type: 'coupon_code', value: { from: 'fixed', value } };
    else if (slot.kind === 'text' || slot.kind === 'url_suffix')
      mapping[slot.key] = { type: 'text', value: { from: 'fixed', value } };
  }
  return mapping;
}

/** Parameter keys the template does not have (a typo would otherwise be dropped silently). */
export function unknownParameters(
  slots: readonly TemplateSlot[],
  parameters: Readonly<Record<string, string>>,
): string[] {
  const keys = new Set(slots.flatMap((s) => [s.key, bareKeyOf(s) ?? s.key]));
  return Object.keys(parameters).filter((k) => !keys.has(k));
}
