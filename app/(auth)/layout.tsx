export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-start justify-center px-4 pt-[12vh] pb-12">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">Latch</p>
        {children}
      </div>
    </main>
  );
}
