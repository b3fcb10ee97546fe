// The menu drawer opens and closes in the browser alone (PortalShell, the layout's frame, is plain markup in MudBlazor's classes).
// Like MudBlazor's responsive drawer: at 960 px and wider it starts open beside the page and the button hides it;
// narrower it starts closed (MudBlazor's CSS hides a drawer still marked --initial) and the button opens it over
// the page, with a scrim; a link, the scrim or Escape closes it there. Crossing 960 px starts again from the default.
(() => {
  const narrow = matchMedia('(max-width: 959.98px)');
  const drawer = () => document.getElementById('portal-menu');
  const isOpen = () => {
    const d = drawer();
    return !!d && d.classList.contains('mud-drawer--open') && !(narrow.matches && d.classList.contains('mud-drawer--initial'));
  };

  function show(open, initial = false) {
    const d = drawer();
    if (!d) {
      return;
    }

    d.classList.toggle('mud-drawer--initial', initial);
    d.classList.toggle('mud-drawer--open', open);
    d.classList.toggle('mud-drawer--closed', !open);
    d.closest('.mud-layout')?.classList.toggle('mud-drawer-open-responsive-md-left', open);
    const scrim = document.querySelector('[data-menu-scrim]');
    if (scrim) {
      scrim.hidden = !(open && narrow.matches && !initial);
    }

    label();
  }

  function label() {
    for (const button of document.querySelectorAll('[data-menu-toggle]')) {
      button.setAttribute('aria-expanded', String(isOpen()));
    }
  }

  document.addEventListener('click', (e) => {
    if (!(e.target instanceof Element)) {
      return;
    }

    if (e.target.closest('[data-menu-toggle]')) {
      show(!isOpen());
    } else if (narrow.matches && isOpen() && (e.target.closest('[data-menu-scrim]') || e.target.closest('#portal-menu a'))) {
      show(false);
    }
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && narrow.matches && isOpen()) {
      show(false);
    }
  });
  narrow.addEventListener('change', () => show(true, true));
  // The layout arrives with the page, and again after an enhanced navigation from a static page.
  label();
  new MutationObserver(() => label()).observe(document.body, { childList: true });
})();
