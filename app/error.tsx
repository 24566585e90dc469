'use client';

import Link from 'next/link';

/** Unexpected errors while rendering a page: said in plain Chinese, with a way to try again. */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="centered-page">
      <div className="card narrow" role="alert">
        <h1>页面出错了</h1>
        <p>服务器处理这个页面时出错，您已保存的内容不受影响。请稍后重试；如反复出现，请把下面的编号告诉系统管理员。</p>
        {error.digest && <p className="muted">错误编号：{error.digest}</p>}
        <div className="button-row">
          <button type="button" className="button primary" onClick={reset}>
            重试
          </button>
          <Link href="/projects" className="button">
            返回项目列表
          </Link>
        </div>
      </div>
    </main>
  );
}
