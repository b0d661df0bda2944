// `npm run docs:errors`: rewrites the error-code table in docs/api.md from lib/error-codes.ts.
import fs from "node:fs";
import path from "node:path";
import { withErrorCodeTable } from "@/lib/api/error-table";

const file = path.resolve(import.meta.dirname, "../docs/api.md");
fs.writeFileSync(file, withErrorCodeTable(fs.readFileSync(file, "utf8")));
