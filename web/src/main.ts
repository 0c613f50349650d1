import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { applyTheme, initialTheme } from './lib/theme.js';

applyTheme(initialTheme());
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target });
