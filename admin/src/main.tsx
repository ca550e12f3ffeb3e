import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  return <h1>用户报装管理系统</h1>;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
