// The height the app may use on a phone: the visual viewport's (what is left above the on-screen keyboard),
// as --app-height, so the composer stays in sight while typing. Chrome on Android resizes the layout itself
// (index.html asks interactive-widget=resizes-content); Safari on iOS only shrinks the visual viewport.
export function followVisualViewport(): void {
  const vv = window.visualViewport;
  if (!vv) return;
  const root = document.documentElement;
  const update = () => root.style.setProperty('--app-height', `${Math.round(vv.height)}px`);
  vv.addEventListener('resize', update);
  update();
}
