// Saves a blob under a file name through a temporary link. The address is released a little later, not at once: a
// browser may still be starting the download when click() returns.
export function saveBlob(blob, fileName) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// Saves bytes from .NET as a file; Blazor passes a byte[] as a Uint8Array.
export function download(fileName, bytes) {
    saveBlob(new Blob([bytes], { type: 'text/csv;charset=utf-8' }), fileName);
}
