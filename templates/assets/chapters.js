// Chapter links seek the episode's player. Without this script they are ordinary links to
// the chapter's section, so the list still works as a table of contents.
const player = document.querySelector("audio[data-player]");
if (player) {
  for (const link of document.querySelectorAll("a[data-start]")) {
    link.addEventListener("click", () => {
      player.currentTime = Number(link.dataset.start);
      player.play().catch(() => {
        // Playback may be refused (no audio device, autoplay policy); the seek still stands.
      });
    });
  }
}
