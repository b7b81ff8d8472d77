/** Named leases: one owner at a time across processes, with a fencing generation. */
export interface LocksTables {
  leases: {
    name: string;
    owner: string;
    /** Grows by one at each new holder; writes under the lease check it (fencing token). */
    generation: number;
    expiresAt: number;
    acquiredAt: number;
  };
}
