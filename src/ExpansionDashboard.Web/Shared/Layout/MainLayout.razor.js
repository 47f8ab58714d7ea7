// Remembers the theme: a cookie the server reads on the next first render (no flash, any tab) and localStorage, whose
// storage event tells tabs that are already open.
const COOKIE = 'ed-theme';
const YEAR = 60 * 60 * 24 * 365;

export function remember(mode) {
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    document.cookie = `${COOKIE}=${mode}; Path=/; Max-Age=${YEAR}; SameSite=Lax${secure}`;
    try {
        localStorage.setItem(COOKIE, mode);
    } catch {
        // Storage can be disabled; the cookie alone is enough.
    }
}

const listeners = new WeakMap();

export function follow(dotnet) {
    const handler = e => {
        if (e.key === COOKIE && (e.newValue === 'dark' || e.newValue === 'light')) {
            dotnet.invokeMethodAsync('ThemeChanged', e.newValue === 'dark');
        }
    };
    window.addEventListener('storage', handler);
    listeners.set(dotnet, handler);
}

export function unfollow(dotnet) {
    const handler = listeners.get(dotnet);
    if (handler) {
        window.removeEventListener('storage', handler);
        listeners.delete(dotnet);
    }
}
