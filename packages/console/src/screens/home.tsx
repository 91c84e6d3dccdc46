export default function Home() {
  return <h1>Отклик</h1>;
}
