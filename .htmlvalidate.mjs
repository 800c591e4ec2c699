// html-validate's settings for the built pages (tests/e2e/html-validate.test.ts): the recommended rules, and why any is off.
export default {
  extends: ['html-validate:recommended'],
  rules: {
    // A <title> is the headline and the desk's name, and headlines run to `house_style.headline_length` (100
    // by default), which the desk's editors set. Search engines shorten a long title in their results; the page
    // is no less valid or usable for it.
    'long-title': 'off',
  },
}
