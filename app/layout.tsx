import { connection } from 'next/server';
import { DemoBanner } from '@/components/demo-banner';
import type { Metadata } from 'next';
import './globals.css';
import './workbench.css';
import './form.css';
import './mobile.css';

export const metadata: Metadata = {
  title: { default: '绩效自评', template: '%s · 绩效自评' },
  description: '项目支出绩效自评系统',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, even the not-found page: the CSP nonce (proxy.ts) exists only then.
  await connection();
  return (
    <html lang="zh-CN">
      <body>
        <DemoBanner />
        {children}
      </body>
    </html>
  );
}
