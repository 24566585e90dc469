/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets parallel checkouts of work build side by side; everything else uses .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', 'pg', 'exceljs', 'bcryptjs'],
  poweredByHeader: false,
  // `npm test` typechecks the whole tree with tsc; the build need not do it a second time.
  typescript: { ignoreBuildErrors: true },
  // The headers that never vary, on every response including the static files. The ones that
  // depend on the request (CSP with its nonce, HSTS, no-store on /api) are set in proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          {
            key: 'Permissions-Policy',
            value:
              'accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), ' +
              'magnetometer=(), microphone=(), payment=(), serial=(), usb=()',
          },
        ],
      },
      // No page of the app may be framed by another site (clickjacking on 审核通过 and friends)…
      { source: '/:path((?!api/attachments/).*)', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] },
      // …and an evidence file only by the app's own preview (its CSP frame-ancestors says the same).
      { source: '/api/attachments/:path*', headers: [{ key: 'X-Frame-Options', value: 'SAMEORIGIN' }] },
    ];
  },
  experimental: {
    // Every action's limit: room for an evaluation's longest texts (the form refuses them before they are sent, with
    // the same zod schema). The imports, whose sources run to megabytes, are routes with their own 16 MB limit
    // (app/api/imports/*, lib/auth/operation-route.ts), so no action needs more.
    serverActions: { bodySizeLimit: '4mb' },
    authInterrupts: true,
  },
};

module.exports = nextConfig;
