'use client';

import './globals.css';

/** When even the root layout fails: a page of its own, still in Chinese. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body>
        <main className="centered-page">
          <div className="card narrow" role="alert">
            <h1>系统出错了</h1>
            <p>请稍后重试；如反复出现，请联系系统管理员。</p>
            {error.digest && <p className="muted">错误编号：{error.digest}</p>}
            <button type="button" className="button primary" onClick={reset}>
              重试
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
