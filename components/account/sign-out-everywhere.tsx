'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { signOutEverywhereAction } from '@/app/(app)/account/actions';
import { callAction } from '@/lib/action-state';

/** Ends every session of the account on the server, then clears this browser's and goes to the sign-in page. */
export function SignOutEverywhere() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    const answer = await callAction(signOutEverywhereAction, {});
    if (!answer.ok) {
      setError(answer.message);
      setBusy(false);
      return;
    }
    await signOut({ redirect: false });
    window.location.replace('/login');
  };
  return (
    <div className="button-row">
      <button type="button" className="button" disabled={busy} onClick={() => void run()}>
        {busy ? '正在退出…' : '退出所有设备'}
      </button>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
