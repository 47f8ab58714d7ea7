// Keyboard for the review deck: arrows and PageUp/PageDown (presentation clickers send these), Home/End, F for full
// screen, Esc to leave when not in full screen (in full screen the browser's own Esc exits it first).
export function attach(dotnet, root) {
    const onKey = (e) => {
        const tag = e.target && e.target.tagName;
        if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || e.altKey || e.ctrlKey || e.metaKey) {
            return;
        }
        switch (e.key) {
            case 'ArrowRight': case 'PageDown': case ' ':
                e.preventDefault(); dotnet.invokeMethodAsync('Step', 1); break;
            case 'ArrowLeft': case 'PageUp':
                e.preventDefault(); dotnet.invokeMethodAsync('Step', -1); break;
            case 'Home':
                e.preventDefault(); dotnet.invokeMethodAsync('GoTo', 0); break;
            case 'End':
                e.preventDefault(); dotnet.invokeMethodAsync('GoTo', -1); break;
            case 'f': case 'F':
                e.preventDefault();
                if (document.fullscreenElement) { document.exitFullscreen().catch(() => {}); }
                else if (root.requestFullscreen) { root.requestFullscreen().catch(() => {}); }
                break;
            case 'Escape':
                if (!document.fullscreenElement) { dotnet.invokeMethodAsync('Leave'); }
                break;
        }
    };
    document.addEventListener('keydown', onKey);
    return { dispose: () => document.removeEventListener('keydown', onKey) };
}
