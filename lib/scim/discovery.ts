// Discovery documents (RFC 7643 §5–7, RFC 7644 §4): what this service supports, stated plainly
// so an IdP's connector test does not try bulk, sorting, ETags or password changes.
import { GROUP_SCHEMA, USER_SCHEMA } from "@/lib/scim/serializers";

const SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const MAX_RESULTS = 200;

const list = (resources: unknown[]) => ({
  schemas: [LIST_SCHEMA],
  totalResults: resources.length,
  startIndex: 1,
  itemsPerPage: resources.length,
  Resources: resources,
});

export const serviceProviderConfig = (base: string) => ({
  schemas: [SPC_SCHEMA],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: MAX_RESULTS },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [
    {
      type: "oauthbearertoken",
      name: "Bearer token",
      description: "A Latch token with the `scim` scope, sent as `Authorization: Bearer <token>`.",
      primary: true,
    },
  ],
  meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
});

const resourceType = (base: string, name: "User" | "Group", schema: string) => ({
  schemas: [RESOURCE_TYPE_SCHEMA],
  id: name,
  name,
  endpoint: `/${name}s`,
  schema,
  meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/${name}` },
});

export const resourceTypes = (base: string) => list([resourceType(base, "User", USER_SCHEMA), resourceType(base, "Group", GROUP_SCHEMA)]);

type Attr = {
  name: string;
  type: "string" | "boolean" | "complex" | "reference";
  multiValued?: boolean;
  required?: boolean;
  mutability?: string;
  uniqueness?: string;
  caseExact?: boolean;
  subAttributes?: Attr[];
};

function attr({
  multiValued = false,
  required = false,
  mutability = "readWrite",
  uniqueness = "none",
  caseExact = false,
  ...rest
}: Attr): Record<string, unknown> {
  const sub: unknown[] | undefined = rest.subAttributes?.map(attr);
  return { ...rest, multiValued, required, caseExact, mutability, returned: "default", uniqueness, ...(sub ? { subAttributes: sub } : {}) };
}

const USER_ATTRS: Attr[] = [
  { name: "userName", type: "string", required: true, uniqueness: "server" },
  { name: "externalId", type: "string", caseExact: true },
  { name: "displayName", type: "string" },
  {
    name: "name",
    type: "complex",
    subAttributes: [
      { name: "formatted", type: "string" },
      { name: "givenName", type: "string" },
      { name: "familyName", type: "string" },
    ],
  },
  {
    name: "emails",
    type: "complex",
    multiValued: true,
    subAttributes: [
      { name: "value", type: "string" },
      { name: "type", type: "string" },
      { name: "primary", type: "boolean" },
    ],
  },
  { name: "active", type: "boolean" },
  {
    name: "groups",
    type: "complex",
    multiValued: true,
    mutability: "readOnly",
    subAttributes: [
      { name: "value", type: "string", mutability: "readOnly" },
      { name: "display", type: "string", mutability: "readOnly" },
    ],
  },
  { name: "roles", type: "complex", multiValued: true, mutability: "readOnly", subAttributes: [{ name: "value", type: "string", mutability: "readOnly" }] },
];

const GROUP_ATTRS: Attr[] = [
  { name: "displayName", type: "string", required: true, uniqueness: "server" },
  { name: "externalId", type: "string", caseExact: true },
  {
    name: "members",
    type: "complex",
    multiValued: true,
    subAttributes: [
      { name: "value", type: "string", mutability: "immutable" },
      { name: "display", type: "string", mutability: "readOnly" },
    ],
  },
];

const schema = (base: string, id: string, name: string, attributes: Attr[]) => ({
  schemas: [SCHEMA_SCHEMA],
  id,
  name,
  description: `${name} as Latch stores it; other attributes are accepted and ignored.`,
  attributes: attributes.map(attr),
  meta: { resourceType: "Schema", location: `${base}/Schemas/${id}` },
});

export const schemas = (base: string) => list([schema(base, USER_SCHEMA, "User", USER_ATTRS), schema(base, GROUP_SCHEMA, "Group", GROUP_ATTRS)]);
