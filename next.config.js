/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets parallel checkouts of work build side by side; everything else uses .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', 'exceljs', 'bcryptjs'],
  poweredByHeader: false,
  // `npm test` typechecks the whole tree with tsc; the build need not do it a second time.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // Large enough that an oversized text reaches zod and gets a field message instead of a bare 413.
    serverActions: { bodySizeLimit: '16mb' },
    authInterrupts: true,
  },
};

module.exports = nextConfig;
