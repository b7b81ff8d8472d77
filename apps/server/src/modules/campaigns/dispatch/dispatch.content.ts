import type { SlotMapping, TemplateMapping, TemplateSlot } from '@kiana/contracts';
import type { MessageContent } from '../../../whatsapp/graph.messages';
import {
  renderTemplateComponents,
  templateSlots,
  type RenderableTemplate,
} from '../../templates/templates.render';

/**
 * A recipient's message: the campaign's template rendered from the parameters resolved at
 * materialisation (slot key → text) and the campaign's header media, through the same
 * renderer as the preview, so what was previewed is what is sent.
 */

/** The campaign's header media (`headerMediaJson`). */
export interface HeaderMedia {
  type: 'image' | 'video' | 'document';
  id?: string;
  link?: string;
  filename?: string;
}

/** A campaign's template prepared once, rendered per recipient. */
export class CampaignContent {
  private readonly slots: TemplateSlot[];

  constructor(
    private readonly template: RenderableTemplate,
    private readonly headerMedia: HeaderMedia | null,
  ) {
    this.slots = templateSlots(template);
  }

  /** The message for one recipient; throws a TemplateRenderError naming what is missing. */
  render(params: Readonly<Record<string, string>>): MessageContent {
    const mapping: TemplateMapping = {};
    for (const slot of this.slots) {
      const m = this.slotMapping(slot, params[slot.key]);
      if (m !== null) mapping[slot.key] = m;
    }
    return {
      type: 'template',
      template: {
        name: this.template.name,
        language: { code: this.template.language },
        components: renderTemplateComponents(this.template, mapping),
      },
    } as MessageContent;
  }

  private slotMapping(slot: TemplateSlot, value: string | undefined): SlotMapping | null {
    switch (slot.kind) {
      case 'media': {
        const media = this.headerMedia;
        if (media === null) return null;
        return {
          type: 'media',
          media: media.type,
          ...(media.id !== undefined ? { id: { from: 'fixed', value: media.id } } : {}),
          ...(media.link !== undefined ? { link: { from: 'fixed', value: media.link } } : {}),
          ...(media.filename !== undefined ? { filename: media.filename } : {}),
        };
      }
      case 'location':
        return null;
      case 'coupon_code':
        return value === undefined ? null : { type: 'coupon_code', value: fixed(value) };
      case 'text':
      case 'url_suffix':
        return value === undefined ? null : { type: 'text', value: fixed(value) };
    }
  }
}

function fixed(value: string): { from: 'fixed'; value: string } {
  return { from: 'fixed', value };
}
