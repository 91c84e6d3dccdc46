/** Where the rating form's requests go: the portal's address and the fetch to use. */
import type { portalOf } from '@otklik/widget-core';

export type Portal = ReturnType<typeof portalOf>;
