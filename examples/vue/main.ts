import { createApp } from 'vue';
import TwoFactorSetup from './TwoFactorSetup.vue';

const app = createApp(TwoFactorSetup, { csrfToken: 'token-from-your-page' });
// The kit's tags are custom elements, not Vue components (with Vite: vue({ template: { compilerOptions } })).
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('twofa-');
app.mount('#app');
