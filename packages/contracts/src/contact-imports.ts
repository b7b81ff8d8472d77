import { z } from 'zod';

export const importEncodingSchema = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']);
export const importDelimiterSchema = z.enum([',', ';', '\t']);
export const importPolicySchema = z.enum(['update', 'skip', 'merge_tags']);
export const importStatusSchema = z.enum(['queued', 'running', 'done', 'failed']);
export type ImportEncoding = z.infer<typeof importEncodingSchema>;
export type ImportDelimiter = z.infer<typeof importDelimiterSchema>;
export type ImportPolicy = z.infer<typeof importPolicySchema>;

const column = z.number().int().min(0).max(1_000);

/** Which column (0-based) holds what; only the number is required. */
export const importMappingSchema = z.object({
  number: column,
  name: column.optional(),
  tags: column.optional(),
  language: column.optional(),
  consent: column.optional(),
  /** Declared attribute key → column. */
  attributes: z.record(z.string().min(1).max(64), column).optional(),
});
export type ImportMappingDto = z.infer<typeof importMappingSchema>;

/** `POST /contacts/imports/uploads` answer. */
export const contactUploadSchema = z.object({
  id: z.string(),
  size: z.number().int(),
  format: z.enum(['csv', 'json']),
});
export type ContactUpload = z.infer<typeof contactUploadSchema>;

/** `GET /contacts/imports/uploads/:id/preview`: what the first rows say about the file. */
export const contactUploadPreviewSchema = z.object({
  id: z.string(),
  size: z.number().int(),
  encoding: importEncodingSchema,
  /** Whether the encoding was detected (true) or chosen in the query (false). */
  encodingDetected: z.boolean(),
  hasBom: z.boolean(),
  delimiter: importDelimiterSchema,
  header: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  /** The guessed mapping; `number` is absent when no column looks like numbers. */
  mapping: importMappingSchema.partial({ number: true }),
  /** Why the first rows cannot be read, when they cannot. */
  problem: z.string().nullable(),
  /** Keys of the declared custom attributes: what a column may be mapped to besides the fixed fields. */
  attributeKeys: z.array(z.string()),
});
export type ContactUploadPreview = z.infer<typeof contactUploadPreviewSchema>;

export const contactUploadPreviewQuerySchema = z.object({
  encoding: importEncodingSchema.optional(),
  delimiter: importDelimiterSchema.optional(),
});

/** `POST /contacts/imports`. */
export const createContactImportSchema = z.object({
  uploadId: z.string().min(1).max(64),
  encoding: importEncodingSchema.optional(),
  delimiter: importDelimiterSchema.optional(),
  mapping: importMappingSchema,
  policy: importPolicySchema.default('update'),
  /** Country of numbers written without their country code (ISO 3166 alpha-2). */
  defaultCountry: z.string().length(2).nullable().optional(),
});
export type CreateContactImport = z.input<typeof createContactImportSchema>;

/** An import as the API shows it: options, status, counters and progress. */
export const contactImportSchema = z.object({
  id: z.string(),
  uploadId: z.string(),
  status: importStatusSchema,
  policy: importPolicySchema,
  encoding: importEncodingSchema,
  delimiter: importDelimiterSchema,
  rowsDone: z.number().int(),
  bytesDone: z.number().int(),
  bytesTotal: z.number().int(),
  percent: z.number(),
  summary: z.object({
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    invalid: z.number().int(),
    duplicate: z.number().int(),
  }),
  /** Why the import failed, naming the row where reading stopped. */
  error: z.string().nullable(),
  hasRejected: z.boolean(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type ContactImport = z.infer<typeof contactImportSchema>;

export const contactImportListSchema = z.object({ imports: z.array(contactImportSchema) });

/** The live event of a running import (`contacts.import.progress`). */
export const contactImportProgressSchema = z.object({
  importId: z.string(),
  rowsDone: z.number().int(),
  rowsPerSec: z.number(),
  percent: z.number(),
  /** Seconds left at the current pace; null until it can be estimated. */
  secondsLeft: z.number().nullable(),
});
export type ContactImportProgress = z.infer<typeof contactImportProgressSchema>;

export const contactExportSchema = z.object({
  id: z.string(),
  status: importStatusSchema,
  rowCount: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type ContactExport = z.infer<typeof contactExportSchema>;

/** One contact of a JSON import: what a CSV row's mapped columns would hold. */
export const jsonImportContactSchema = z
  .object({
    /** In any format; numbers without a country code use `defaultCountry`. */
    number: z.string().trim().min(1).max(64),
    name: z.string().trim().max(200).optional(),
    tags: z
      .array(
        z
          .string()
          .trim()
          .min(1)
          .max(64)
          .regex(/^[^|,;]+$/, 'A tag cannot contain | , or ;'),
      )
      .max(50)
      .optional(),
    language: z.string().trim().max(16).optional(),
    /** Marketing consent as the person gave it; absent leaves the contact's state as it is. */
    consent: z.boolean().optional(),
    /** Declared attribute key → value of its declared type (dates as YYYY-MM-DD). */
    attributes: z
      .record(z.string().min(1).max(64), z.union([z.string().max(1000), z.number(), z.boolean()]))
      .optional(),
  })
  .strict();
export type JsonImportContact = z.infer<typeof jsonImportContactSchema>;

/** The most contacts one JSON import takes; send more as several imports. */
export const JSON_IMPORT_MAX_CONTACTS = 10_000;

/** `POST /contacts/imports/json`: contacts in the body, imported by the same durable job as a CSV. */
export const createJsonContactImportSchema = z
  .object({
    contacts: z.array(jsonImportContactSchema).min(1).max(JSON_IMPORT_MAX_CONTACTS),
    policy: importPolicySchema.default('update'),
    /** Country of numbers written without their country code (ISO 3166 alpha-2). */
    defaultCountry: z.string().length(2).nullable().optional(),
  })
  .meta({
    examples: [
      {
        contacts: [
          { number: '+14155550123', name: 'Ada Lovelace', tags: ['vip'], consent: true },
          { number: '(415) 555-0124', name: 'Alan Turing', language: 'en' },
        ],
        policy: 'merge_tags',
        defaultCountry: 'US',
      },
    ],
  });
export type CreateJsonContactImport = z.input<typeof createJsonContactImportSchema>;
