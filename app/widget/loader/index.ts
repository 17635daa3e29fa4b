// The loader the ISP pastes (<script src=".../widget.js" data-channel="…" async>): no framework; adds the
// launcher and the widget's iframe, and window.Fio. Placeholder of the foundation commit.
export {};
