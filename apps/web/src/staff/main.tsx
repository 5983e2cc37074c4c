import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '../shared/theme/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StaffApp } from './staff-app.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing the #root element.');

createRoot(container).render(
  <StrictMode>
    <StaffApp />
  </StrictMode>,
);
