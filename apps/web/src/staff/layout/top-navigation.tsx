import { NavLink } from 'react-router';
import { primarySections } from './primary-sections.ts';
import classes from './top-navigation.module.css';

/** The main tabs across the header (wide screens). */
export function TopNavigation() {
  return (
    <nav aria-label="Main" style={{ height: '100%' }}>
      <ul className={classes.list}>
        {primarySections.map((section) => (
          <li key={section.path}>
            <NavLink to={section.path} className={classes.link}>
              {section.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The same tabs as a vertical list, in the drawer on narrow screens. */
export function StackedNavigation({ onNavigate }: { onNavigate: () => void }) {
  return (
    <nav aria-label="Main">
      {primarySections.map((section) => (
        <NavLink key={section.path} to={section.path} className={classes.stacked} onClick={onNavigate}>
          <section.icon size={20} stroke={1.6} aria-hidden="true" />
          {section.label}
        </NavLink>
      ))}
    </nav>
  );
}
