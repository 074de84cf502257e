// ESLint flat config for the phone page (.ci/run lints it with a pinned eslint). Only
// ESLint's own rules: nothing else is installed, nothing is fetched at lint time.
export default [
  {
    files: ["resources/phone/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "module",
      globals: {
        window: "readonly", document: "readonly", location: "readonly",
        localStorage: "readonly", WebSocket: "readonly", Event: "readonly",
        setTimeout: "readonly", clearTimeout: "readonly", JSON: "readonly", Math: "readonly"
      }
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "no-undef": "error",
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
      "no-var": "error",
      "prefer-const": "error",
      "eqeqeq": "error",
      "curly": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-script-url": "error",
      "no-restricted-properties": ["error",
        { property: "innerHTML", message: "Participant text is text: use textContent." },
        { property: "outerHTML", message: "Participant text is text: use textContent." },
        { property: "insertAdjacentHTML", message: "Participant text is text." },
        { object: "document", property: "write", message: "Participant text is text." }],
      "no-shadow": "error",
      "no-redeclare": "error",
      "no-unreachable": "error",
      "no-dupe-keys": "error",
      "no-self-compare": "error",
      "no-unused-expressions": "error",
      "consistent-return": "off"
    }
  }
];
