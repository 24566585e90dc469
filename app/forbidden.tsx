import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="centered-page">
      <div className="card narrow">
        <h1>无权访问</h1>
        <p>您没有查看该页面的权限。如需访问，请联系部门负责人或系统管理员。</p>
        <Link href="/projects" className="button">
          返回项目列表
        </Link>
      </div>
    </main>
  );
}
