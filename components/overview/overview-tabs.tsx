import Link from 'next/link';
import type { SearchParams } from '@/lib/lists/list-params';
import { hrefOf, toEntries } from '@/lib/lists/list-view';
import type { OverviewTab } from '@/lib/overview/overview';

/**
 * The overview's lists, one at a time: links that keep everything else in the URL (the year, the
 * filter, each list's page and sort), so a link reproduces the view and Back returns to the last tab.
 */
export function OverviewTabs({
  current,
  params,
  tabs,
}: {
  current: OverviewTab;
  params: SearchParams;
  tabs: Array<{ tab: OverviewTab; label: string }>;
}) {
  const others = Object.fromEntries(toEntries(params).filter(([name]) => name !== 'tab'));
  return (
    <nav className="link-tabs no-print" aria-label="总览列表">
      {tabs.map(({ tab, label }) => (
        <Link
          key={tab}
          href={hrefOf('/overview', tab === 'projects' ? others : { ...others, tab })}
          aria-current={tab === current ? 'page' : undefined}
          data-testid={`overview-tab-${tab}`}
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
