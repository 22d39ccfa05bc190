/** A workspace's reference to a stored blob. */
export interface BlobRef {
  tenantId: string;
  workspaceId: string;
  sha256: string;
  size: number;
  /** Sniffed from the bytes at upload. */
  mimeType: string;
  createdBy: string;
  createdAt: number;
}

/**
 * Which workspace may read which blob, and how much each tenant stores. Every
 * lookup names the tenant and workspace, so another tenant's hash is as
 * unknown as a random one.
 */
export interface BlobIndex {
  /** The reference of `sha256` in this tenant's workspace, or null. */
  find(tenantId: string, workspaceId: string, sha256: string): Promise<BlobRef | null>;
  /** Adds a reference; false when the workspace already had one. */
  add(ref: BlobRef): Promise<boolean>;
  /** Bytes the tenant stores: each distinct blob counted once. */
  tenantUsage(tenantId: string): Promise<number>;
  /** Whether any of the tenant's workspaces references the blob (it then costs no more quota). */
  tenantHas(tenantId: string, sha256: string): Promise<boolean>;
  /** Every reference of a workspace, by hash. */
  listWorkspace(tenantId: string, workspaceId: string): Promise<BlobRef[]>;
  close(): Promise<void>;
}
