import { createContext, useContext } from 'react';
import { type Theme, themeFor } from './theme.js';

export const ThemeContext = createContext<Theme>(themeFor({}));

export const useTheme = (): Theme => useContext(ThemeContext);
