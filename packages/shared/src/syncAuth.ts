import { z } from 'zod';
import { CapabilitySchema, RoleSchema } from './permissions';

/**
 * Sub-types of y-protocols' auth message (message type 2) on the sync socket.
 * 0 is y-protocols' permission-denied; stock y-websocket clients ignore every
 * other sub-type, so Fieldbook's additions never disturb them.
 */
export const AUTH_PERMISSION_DENIED = 0;
/** The socket's grant changed (an admin changed the role): the new Grant follows as a JSON string. */
export const AUTH_GRANT_CHANGED = 1;

/** A Grant as it travels in an AUTH_GRANT_CHANGED message. */
export const GrantSchema = z.object({
  role: RoleSchema,
  capabilities: z.array(CapabilitySchema),
});
