// The launcher's and panel's styles, in the shadow root through a constructed stylesheet (adoptedStyleSheets):
// no <style> element and no style attribute, so a host CSP without 'unsafe-inline' is fine. `:host` resets
// everything the page's CSS could put on <fio-widget> itself (important shadow rules win over the page's
// important rules); the page's selectors cannot reach inside the shadow root at all.

const CSS = `
:host{all:initial!important}
[hidden]{display:none!important}
.l{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px}
.left .l,.left .p{left:20px;right:auto}
button{all:unset;box-sizing:border-box;width:56px;height:56px;border-radius:50%;background:var(--c);
color:var(--f);display:flex;align-items:center;justify-content:center;cursor:pointer;
box-shadow:0 4px 14px rgba(0,0,0,.3)}
button:focus-visible{outline:3px solid var(--c);outline-offset:3px}
svg{width:28px;height:28px;fill:currentColor}
.b{position:absolute;top:-6px;right:-6px;min-width:22px;height:22px;padding:0 6px;box-sizing:border-box;
border-radius:11px;background:#b91c1c;color:#fff;font:700 12px/22px system-ui,sans-serif;text-align:center;
pointer-events:none}
.p{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:380px;height:600px;
max-width:calc(100vw - 40px);max-height:calc(100vh - 108px);border-radius:12px;overflow:hidden;
background:#fff;box-shadow:0 8px 32px rgba(0,0,0,.3)}
iframe{display:block;width:100%;height:100%;border:0;margin:0;padding:0}
@media (max-width:599.98px){
.p,.left .p{top:0;left:0;right:0;bottom:0;width:100vw;height:100vh;height:100dvh;max-width:none;
max-height:none;border-radius:0}
.open .l{display:none}
}`;

/** Styles the shadow root: a constructed sheet, or (browsers without them) a <style> the page's CSP may block. */
export function styleShadow(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = CSS;
  root.appendChild(style);
}
