import { z } from 'zod';

// Interactive message actions as Meta validates them (spec `InteractiveObject`/`ActionObject`,
// NOTES §1.2, Meta "Interactive messages"): one schema per `interactive.type`, and the types
// that require a body. Lengths and counts out of range are 131009, a missing body 131008.

const replyButtons = z
  .array(
    z.object({
      type: z.literal('reply'),
      reply: z.object({ id: z.string().min(1).max(256), title: z.string().min(1).max(20) }),
    }),
  )
  .min(1)
  .max(3)
  .refine(
    (b) => new Set(b.map((x) => x.reply.title)).size === b.length,
    'button titles must be unique',
  );

const listSections = z
  .array(
    z.object({
      title: z.string().max(24).optional(),
      rows: z
        .array(
          z.object({
            id: z.string().min(1).max(200),
            title: z.string().min(1).max(24),
            description: z.string().max(72).optional(),
          }),
        )
        .min(1),
    }),
  )
  .min(1)
  .max(10)
  // Rows are limited to 10 across all sections (pywa callback.py, NOTES §1.2).
  .refine((s) => s.reduce((n, x) => n + x.rows.length, 0) <= 10, 'at most 10 rows in total')
  .refine((s) => s.length === 1 || s.every((x) => x.title !== undefined), 'sections need titles');

const productSections = z
  .array(
    z.object({
      title: z.string().min(1).max(24).optional(),
      product_items: z
        .array(z.object({ product_retailer_id: z.string().min(1) }))
        .min(1)
        .max(30),
    }),
  )
  .min(1)
  .max(10)
  // A multi-product message holds at most 30 products in all (Meta, product messages).
  .refine((s) => s.reduce((n, x) => n + x.product_items.length, 0) <= 30, 'at most 30 products')
  .refine((s) => s.length === 1 || s.every((x) => x.title !== undefined), 'sections need titles');

const flowParameters = z
  .object({
    flow_message_version: z.literal('3'),
    flow_cta: z.string().min(1).max(30),
    flow_id: z.string().min(1).optional(),
    flow_name: z.string().min(1).optional(),
    flow_token: z.string().optional(),
    mode: z.enum(['draft', 'published']).optional(),
    flow_action: z.enum(['navigate', 'data_exchange']).optional(),
    flow_action_payload: z
      .object({ screen: z.string().min(1), data: z.record(z.string(), z.unknown()).optional() })
      .optional(),
  })
  // Exactly one of flow_id and flow_name (spec oneOf).
  .refine((p) => (p.flow_id === undefined) !== (p.flow_name === undefined), 'flow_id or flow_name');

/** Action schema per interactive type (call_permission_request and others: name only). */
export const interactiveActions: Record<string, z.ZodType> = {
  button: z.object({ buttons: replyButtons }),
  list: z.object({ button: z.string().min(1).max(20), sections: listSections }),
  cta_url: z.object({
    name: z.literal('cta_url'),
    parameters: z.object({ display_text: z.string().min(1).max(20), url: z.url() }),
  }),
  flow: z.object({ name: z.literal('flow'), parameters: flowParameters }),
  product: z.object({ catalog_id: z.string().min(1), product_retailer_id: z.string().min(1) }),
  product_list: z.object({ catalog_id: z.string().min(1), sections: productSections }),
  // Meta's guide makes `parameters` optional; the v23 spec marks it required (the spec is
  // stricter than the product here, so the guide wins).
  catalog_message: z.object({
    name: z.literal('catalog_message'),
    parameters: z.object({ thumbnail_product_retailer_id: z.string().min(1) }).optional(),
  }),
};

/** Interactive types that must carry `body.text` (spec BodyObject: all but `product`). */
export const bodyRequired = new Set([
  'button',
  'list',
  'cta_url',
  'flow',
  'product_list',
  'catalog_message',
]);

/** Header rules: `product_list` needs a text header, `product` cannot have one. */
export function headerProblem(type: string, header: unknown): string | undefined {
  if (type === 'product' && header !== undefined) return 'product messages cannot have a header';
  if (type === 'product_list') {
    const h = header as { type?: unknown; text?: unknown } | undefined;
    if (h?.type !== 'text' || typeof h.text !== 'string' || h.text === '')
      return 'product_list messages need a text header';
  }
  return undefined;
}
