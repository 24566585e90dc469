import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="centered-page">
      <div className="card narrow">
        <h1>页面不存在</h1>
        <p>您访问的页面不存在或已被移除。</p>
        <Link href="/projects" className="button">
          返回项目列表
        </Link>
      </div>
    </main>
  );
}
