// Every management API operation, once, composed from one file per resource (lib/api/resources/).
// Route files bind handlers to these entries; the OpenAPI document and the docs page are generated
// from this list; a test checks both against app/. The spread order is the document's order.
import type { Operation } from "@/lib/api/operation";
import { keyOperations } from "@/lib/api/resources/keys";
import { providerOperations } from "@/lib/api/resources/providers";
import { modelRouteOperations } from "@/lib/api/resources/model-routes";
import { priceOperations } from "@/lib/api/resources/prices";
import { managementTokenOperations } from "@/lib/api/resources/management-tokens";
import { reportOperations } from "@/lib/api/resources/reports";
import { teamOperations } from "@/lib/api/resources/teams";
import { organizationOperations } from "@/lib/api/resources/organization";
import { userOperations } from "@/lib/api/resources/users";
import { keyRequestOperations } from "@/lib/api/resources/key-requests";
import { attributionDimensionOperations } from "@/lib/api/resources/attribution-dimensions";
import { mcpOperations } from "@/lib/mcp/api/operations";

export const operations = {
  ...keyOperations,
  ...providerOperations,
  ...modelRouteOperations,
  ...priceOperations,
  ...managementTokenOperations,
  ...reportOperations,
  ...organizationOperations,
  ...teamOperations,
  ...userOperations,
  ...keyRequestOperations,
  ...mcpOperations,
  ...attributionDimensionOperations,
};

export const OPERATIONS: readonly Operation[] = Object.values(operations);
