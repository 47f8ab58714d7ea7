import { saveBlob } from '../../Shared/Widgets/ExportButton.razor.js';

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

// The drawn chart of a slide as PNG bytes, for the PowerPoint export: the slide's SVG, serialised and painted on a
// canvas at twice its size (sharp on a projector). Returned as bytes so Blazor streams it instead of one big message.
export async function chartPng(root, slideId) {
    const svg = root.querySelector(`svg[data-deck-chart="${CSS.escape(slideId)}"]`);
    if (!svg) { return null; }
    const box = svg.viewBox.baseVal;
    const width = box && box.width ? box.width : svg.clientWidth;
    const height = box && box.height ? box.height : svg.clientHeight;
    const copy = svg.cloneNode(true);
    copy.setAttribute('width', width);
    copy.setAttribute('height', height);
    const text = new XMLSerializer().serializeToString(copy);
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    try {
        const img = new Image();
        await new Promise((resolve, reject) => { img.onload = resolve; img.onerror = reject; img.src = url; });
        const canvas = document.createElement('canvas');
        canvas.width = width * 2;
        canvas.height = height * 2;
        const ctx = canvas.getContext('2d');
        ctx.scale(2, 2);
        ctx.drawImage(img, 0, 0, width, height);
        const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/png'));
        return new Uint8Array(await blob.arrayBuffer());
    } finally {
        URL.revokeObjectURL(url);
    }
}

// Saves a file streamed from the server (the PowerPoint export) under its name.
export async function download(name, streamRef) {
    const buffer = await streamRef.arrayBuffer();
    saveBlob(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' }), name);
}
