// A meeting-room screen runs unattended: nobody will press "retry". This starts Blazor with reconnection that
// never gives up, marks the figures stale after 10 s without a connection (they stay, with the time they were
// last live), and reloads the page when the server no longer knows the circuit (it restarted) or the circuit
// failed, but only once the server answers again: a reload against a stopped server would show the browser's
// error page, and no script would be left to try again.
(() => {
    "use strict";

    const staleAfterMs = 10_000;
    const retryMs = [1000, 2000, 2000, 3000, 5000];
    const body = document.body;
    const banner = document.getElementById("screen-stale");
    const dialog = document.getElementById("screen-reconnect");
    const timeFormat = new Intl.DateTimeFormat("zh-CN", {
        timeZone: body.dataset.timeZone || undefined,
        hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
    });

    let lostAt = null;
    let staleTimer = null;
    let reloading = false;
    let clockTimer = null;

    const weekdays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];
    const two = n => String(n).padStart(2, "0");

    // While disconnected nobody renders the clock: go on from the server's last second by the browser's own
    // elapsed time (the wall clock is read as UTC so that no time zone moves it), until the circuit is back.
    function tickLocally() {
        const clock = document.querySelector(".screen-clock");
        const from = clock ? Date.parse(`${clock.dataset.clock}Z`) : NaN;
        if (Number.isNaN(from)) {
            return;
        }

        const started = performance.now();
        clockTimer = setInterval(() => {
            const now = new Date(from + Math.round((performance.now() - started) / 1000) * 1000);
            const time = clock.querySelector(".screen-time");
            const date = clock.querySelector(".screen-date");
            if (time) {
                time.textContent = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
            }

            if (date) {
                date.textContent = `${now.getUTCFullYear()}年${now.getUTCMonth() + 1}月${now.getUTCDate()}日 ${weekdays[now.getUTCDay()]}`;
            }
        }, 1000);
    }

    function stopLocalClock() {
        clearInterval(clockTimer);
        clockTimer = null;
    }

    // The banner names the same instant as the header's 数据更新于: the snapshot's, not the moment the line dropped.
    function lastUpdate() {
        const updated = Number(document.querySelector(".screen-updated")?.dataset.updated);
        return Number.isFinite(updated) && updated > 0 ? new Date(updated) : lostAt ?? new Date();
    }

    function fitStage() {
        const scale = Math.min(window.innerWidth / 1920, window.innerHeight / 1080);
        document.documentElement.style.setProperty("--screen-scale", String(scale));
    }

    function lost() {
        if (lostAt !== null) {
            return;
        }

        lostAt = new Date();
        staleTimer = setTimeout(markStale, staleAfterMs);
        tickLocally();
    }

    function markStale() {
        banner.textContent = `数据已暂停更新（最后更新 ${timeFormat.format(lastUpdate())}），正在自动重新连接…`;
        banner.hidden = false;
        body.classList.add("screen-stale");
    }

    function restored() {
        clearTimeout(staleTimer);
        staleTimer = null;
        lostAt = null;
        stopLocalClock();
        banner.hidden = true;
        body.classList.remove("screen-stale");
    }

    async function reloadWhenServerAnswers(attempt = 0) {
        if (reloading && attempt === 0) {
            return;
        }

        reloading = true;
        lost();
        try {
            const response = await fetch(location.href, { cache: "no-store", credentials: "same-origin" });
            if (response.ok) {
                location.reload();
                return;
            }
        } catch {
            // The server is down: keep trying.
        }

        setTimeout(() => reloadWhenServerAnswers(attempt + 1), retryMs[Math.min(attempt, retryMs.length - 1)]);
    }

    dialog.addEventListener("components-reconnect-state-changed", event => {
        switch (event.detail.state) {
            case "show":
            case "retrying":
                lost();
                break;
            case "hide":
                restored();
                break;
            default:
                // "failed", "rejected", "paused", "resume-failed": the circuit cannot come back; a new page can.
                reloadWhenServerAnswers();
                break;
        }
    });

    // An unhandled error ends the circuit and shows this element; a fresh page is the way back.
    const errorUi = document.getElementById("blazor-error-ui");
    new MutationObserver(() => {
        if (getComputedStyle(errorUi).display !== "none") {
            reloadWhenServerAnswers();
        }
    }).observe(errorUi, { attributes: true, attributeFilter: ["style"] });

    window.addEventListener("resize", fitStage);
    fitStage();

    Blazor.start({
        circuit: {
            reconnectionOptions: {
                dialogId: "screen-reconnect",
                maxRetries: Number.MAX_SAFE_INTEGER,
                retryIntervalMilliseconds: previousAttempts => retryMs[Math.min(previousAttempts, retryMs.length - 1)],
            },
        },
    }).catch(() => reloadWhenServerAnswers());
})();
