import '@mantine/core/styles.css';
import '../shared/theme/global.css';
import './portal.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PortalApp } from './portal-app.tsx';

const container = document.getElementById('root');
if (!container) throw new Error('portal.html is missing the #root element.');

createRoot(container).render(
  <StrictMode>
    <PortalApp />
  </StrictMode>,
);
