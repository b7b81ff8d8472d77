/** Canned replies of the inbox composer: a unique shortcut and its text. */
export interface CannedRepliesTables {
  cannedReplies: {
    id: string;
    shortcut: string;
    text: string;
    createdAt: number;
    updatedAt: number;
  };
}
