'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * The header's navigation and account links: in line on a wide screen, behind a 菜单 button on a
 * phone (app/mobile.css), closed again after each navigation.
 */
export function HeaderMenu({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  // Closing on a new path is what the user expects after tapping a menu link.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <button
        type="button"
        className="menu-toggle"
        aria-expanded={open}
        aria-controls="header-menu"
        onClick={() => setOpen((o) => !o)}
      >
        {open ? '收起菜单' : '菜单'}
      </button>
      <div id="header-menu" className={open ? 'header-menu open' : 'header-menu'}>
        {children}
      </div>
    </>
  );
}
