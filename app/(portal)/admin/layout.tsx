// The console's pages share the portal shell; its sidebar lists the ones each person may open
// (components/layout/nav-items.ts). Every page still checks the permission table itself.
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return <div className="flex flex-col gap-6">{children}</div>;
}
