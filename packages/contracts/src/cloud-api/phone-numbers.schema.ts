import { z } from 'zod';

/** A business phone number as `GET /{phone-number-id}` returns it (fields depend on `fields=`). */
export const phoneNumberSchema = z.looseObject({
  id: z.string(),
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
  quality_rating: z.string().optional(),
  code_verification_status: z.string().optional(),
  status: z.string().optional(),
  messaging_limit_tier: z.string().optional(),
  whatsapp_business_manager_messaging_limit: z.string().optional(),
  throughput: z.looseObject({ level: z.string() }).optional(),
  account_mode: z.string().optional(),
  name_status: z.string().optional(),
});
export type PhoneNumber = z.infer<typeof phoneNumberSchema>;

export const phoneNumberListResponseSchema = z.object({
  data: z.array(phoneNumberSchema),
  paging: z.looseObject({}).optional(),
});

/** `GET /{media-id}`: the URL lives 5 minutes and needs the Bearer token to download. */
export const mediaInfoSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  url: z.string(),
  mime_type: z.string(),
  sha256: z.string(),
  file_size: z.union([z.string(), z.number()]),
  id: z.string(),
});
export type MediaInfo = z.infer<typeof mediaInfoSchema>;

export const mediaUploadResponseSchema = z.object({ id: z.string() });
