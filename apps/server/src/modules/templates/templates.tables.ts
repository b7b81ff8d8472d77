/** Tables of the templates module. */
export interface TemplatesTables {
  waTemplates: {
    id: string;
    accountId: string;
    /** Meta's template id (the `hsm_id`); null only for a draft never accepted by Meta. */
    metaId: string | null;
    name: string;
    language: string;
    category: string;
    status: string;
    parameterFormat: string;
    /** JSON array of Meta's upper-case components, as listed or submitted. */
    components: string;
    rejectedReason: string | null;
    qualityScore: string | null;
    previousCategory: string | null;
    syncedAt: number | null;
    createdAt: number;
    updatedAt: number;
  };
  waTemplateEvents: {
    id: string;
    templateId: string;
    /** status | quality | category */
    kind: string;
    previousValue: string | null;
    newValue: string | null;
    reason: string | null;
    /** sync | webhook | submit */
    source: string;
    at: number;
  };
}
