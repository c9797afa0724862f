// The coordinator's and the counties' dashboard: figures from the outcomes API (through this
// gateway, with the login's token), refreshed live from its Server-Sent Events.
(() => {
    'use strict';

    const TEXT = {
        fi: {
            title: 'IPS – tulokset', language: 'Kieli', logout: 'Kirjaudu ulos', controls: 'Valinnat', asOf: 'Tilanne',
            today: 'tänään', download: 'Lataa CSV', empty: 'Tietoja ei ole vielä: kun hankkeet kirjaavat asiakkaita, luvut näkyvät tässä.',
            tableTitle: 'Alueet', national: 'Koko maa', caption: 'Tilanne {date}. Lajittele sarakkeen otsikosta.',
            note: '– = ei laskettavissa (ei sopimuksia tai liian lyhyt seuranta-aika). Laatuarvio: viimeisin IPS-25-arvio (25–125), ✓ = hyvä (100 tai yli), – = ei arviota vielä.',
            rateChart: 'Työllistymisaste alueittain', trendChart: 'Työllistymisaste kuukausittain', trendRegion: 'Alue',
            live: 'ajantasainen', reconnecting: 'yhdistetään uudelleen…', updated: 'päivitetty {time}',
            unavailable: 'Tulospalvelu ei vastaa juuri nyt. Yritetään uudelleen {seconds} sekunnin kuluttua.',
            benchmark: { 31: 'vähimmäistaso 31 %', 41: 'keskitaso 41 %', 50: 'erinomainen 50 %' },
            columns: {
                name: 'Alue', agreements: 'Sopimukset', employed: 'Työllistyneet', employmentRate: 'Työllistymisaste',
                employedNow: 'Työssä nyt', activeCaseload: 'Asiakkaana nyt', openMarketShare: 'Avoimet työmarkkinat',
                paidWithin6Months: 'Palkkatyö 6 kk', attachedWithin6Months: 'Työ tai opinnot 6 kk',
                medianDaysToFirstJob: 'Mediaani päivää ensimmäiseen työhön', fidelity: 'Laatuarvio (IPS-25)'
            },
            roles: { COORDINATOR: 'koordinaattori', COUNTY: 'hyvinvointialue' }
        },
        sv: {
            title: 'IPS – resultat', language: 'Språk', logout: 'Logga ut', controls: 'Val', asOf: 'Läge',
            today: 'i dag', download: 'Ladda ner CSV', empty: 'Inga uppgifter ännu: när projekten registrerar klienter syns siffrorna här.',
            tableTitle: 'Områden', national: 'Hela landet', caption: 'Läge {date}. Sortera med kolumnrubriken.',
            note: '– = kan inte beräknas (inga avtal eller för kort uppföljningstid). Modelltrohet: den senaste IPS-25-bedömningen (25–125), ✓ = god (100 eller mer), – = ingen bedömning ännu.',
            rateChart: 'Sysselsättningsgrad per område', trendChart: 'Sysselsättningsgrad per månad', trendRegion: 'Område',
            live: 'aktuellt', reconnecting: 'ansluter igen…', updated: 'uppdaterat {time}',
            unavailable: 'Resultattjänsten svarar inte just nu. Nytt försök om {seconds} sekunder.',
            benchmark: { 31: 'miniminivå 31 %', 41: 'medelnivå 41 %', 50: 'utmärkt 50 %' },
            columns: {
                name: 'Område', agreements: 'Avtal', employed: 'Sysselsatta', employmentRate: 'Sysselsättningsgrad',
                employedNow: 'I arbete nu', activeCaseload: 'Klienter nu', openMarketShare: 'Öppna arbetsmarknaden',
                paidWithin6Months: 'Lönearbete 6 mån', attachedWithin6Months: 'Arbete eller studier 6 mån',
                medianDaysToFirstJob: 'Median dagar till första arbete', fidelity: 'Modelltrohet (IPS-25)'
            },
            roles: { COORDINATOR: 'koordinator', COUNTY: 'välfärdsområde' }
        },
        en: {
            title: 'IPS – outcomes', language: 'Language', logout: 'Log out', controls: 'Choices', asOf: 'As of',
            today: 'today', download: 'Download CSV', empty: 'No data yet: the figures appear here once projects record clients.',
            tableTitle: 'Regions', national: 'Whole country', caption: 'As of {date}. Sort by a column heading.',
            note: '– = cannot be calculated (no agreements, or too short a follow-up). Fidelity: the latest IPS-25 review (25–125), ✓ = good (100 or more), – = none yet.',
            rateChart: 'Employment rate by region', trendChart: 'Employment rate by month', trendRegion: 'Region',
            live: 'live', reconnecting: 'reconnecting…', updated: 'updated {time}',
            unavailable: 'The outcomes service is not answering right now. Trying again in {seconds} seconds.',
            benchmark: { 31: 'minimal 31 %', 41: 'average 41 %', 50: 'excellent 50 %' },
            columns: {
                name: 'Region', agreements: 'Agreements', employed: 'Employed', employmentRate: 'Employment rate',
                employedNow: 'Employed now', activeCaseload: 'Active caseload', openMarketShare: 'Open market',
                paidWithin6Months: 'Paid work 6 mo', attachedWithin6Months: 'Work or studies 6 mo',
                medianDaysToFirstJob: 'Median days to first job', fidelity: 'Fidelity (IPS-25)'
            },
            roles: { COORDINATOR: 'coordinator', COUNTY: 'county' }
        }
    };
    const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
    const COLUMNS = [
        { key: 'name', kind: 'text' },
        { key: 'agreements', kind: 'count' },
        { key: 'employed', kind: 'count' },
        { key: 'employmentRate', kind: 'rate' },
        { key: 'employedNow', kind: 'count' },
        { key: 'activeCaseload', kind: 'count' },
        { key: 'openMarketShare', kind: 'rate' },
        { key: 'paidWithin6Months', kind: 'rate', value: row => row.paidWithin6Months && row.paidWithin6Months.rate },
        { key: 'attachedWithin6Months', kind: 'rate', value: row => row.attachedWithin6Months && row.attachedWithin6Months.rate },
        { key: 'medianDaysToFirstJob', kind: 'days' },
        // The region's latest fidelity review as of the date (none for the national row).
        { key: 'fidelity', kind: 'fidelity', value: row => state.fidelity[row.region] }
    ];
    const BENCHMARKS = [31, 41, 50];
    const FIRST_MONTH = '2020-01';
    const RETRY_SECONDS = 5;

    const state = {
        lang: chosenLanguage(), session: null, asOf: '', rows: [], national: null, fidelity: {},
        sort: { key: 'name', ascending: true }, shown: new Map(), refreshTimer: null, rateChart: null, trendChart: null
    };
    const $ = id => document.getElementById(id);

    function chosenLanguage() {
        const saved = localStorage.getItem('ips.language');
        return TEXT[saved] ? saved : 'fi';
    }

    function t(key, values) {
        let text = key.split('.').reduce((node, part) => node && node[part], TEXT[state.lang]);
        Object.entries(values || {}).forEach(([name, value]) => { text = text.replace('{' + name + '}', value); });
        return text;
    }

    function regionName(code) {
        if (!code) {
            return t('national');
        }
        const names = state.session.regionNames[code];
        return names ? names[state.lang] : code;
    }

    function formatted(column, row) {
        const value = column.value ? column.value(row) : row[column.key];
        if (column.kind === 'text') {
            return regionName(row.region);
        }
        if (value === null || value === undefined) {
            return '–';
        }
        const numbers = new Intl.NumberFormat(LOCALES[state.lang], { maximumFractionDigits: 1, minimumFractionDigits: column.kind === 'rate' ? 1 : 0 });
        if (column.kind === 'rate') {
            return numbers.format(value * 100) + ' %';
        }
        if (column.kind === 'fidelity') {
            return value.score + (value.good ? ' ✓' : '') + ' (' + monthLabel(value.reviewedOn) + ')';
        }
        return numbers.format(column.kind === 'days' ? Math.round(value) : value);
    }

    function sortValue(column, row) {
        const value = column.value ? column.value(row) : row[column.key];
        if (column.kind === 'fidelity') {
            return value && value.score;
        }
        return column.kind === 'text' ? regionName(row.region) : value;
    }

    async function getJson(path) {
        const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        if (response.status === 401) {
            // The login's token has expired (the page itself still loads with the session): log in again, at once
            // if the identity provider's own session goes on. Not again within a minute: a 401 that a new login
            // does not mend (a service trusting another issuer) is shown as a problem, not a loop through the login.
            const last = Number(sessionStorage.getItem('ips.relogin') || 0);
            if (Date.now() - last > 60000) {
                sessionStorage.setItem('ips.relogin', String(Date.now()));
                location.assign('/oauth2/authorization/ips');
            }
            throw new Error('session ended');
        }
        if (!response.ok) {
            throw new Error(path + ' answered ' + response.status);
        }
        return response.json();
    }

    async function refresh() {
        const query = state.asOf ? '?asOf=' + state.asOf : '';
        try {
            const [rows, fidelity] = await Promise.all([
                getJson('/api/v1/outcomes/regions' + query), getJson('/api/v1/outcomes/fidelity' + query)]);
            state.fidelity = Object.fromEntries(fidelity.regions.map(region => [region.region, region.reviews[0]]));
            state.rows = rows.filter(row => row.region);
            state.national = rows.find(row => !row.region) || null;
            $('problem').hidden = true;
            renderTable(true);
            renderRateChart();
            await renderTrend();
            $('live').dataset.updated = new Date().toLocaleTimeString(LOCALES[state.lang]);
            renderLive();
        } catch (e) {
            showProblem();
        }
    }

    function showProblem() {
        const problem = $('problem');
        problem.textContent = t('unavailable', { seconds: RETRY_SECONDS });
        problem.hidden = false;
        scheduleRefresh(RETRY_SECONDS * 1000);
    }

    function scheduleRefresh(delay) {
        clearTimeout(state.refreshTimer);
        state.refreshTimer = setTimeout(refresh, delay);
    }

    function renderTable(markChanges) {
        const table = $('figures');
        const column = COLUMNS.find(c => c.key === state.sort.key);
        const collator = new Intl.Collator(LOCALES[state.lang]);
        const rows = [...state.rows].sort((a, b) => {
            const x = sortValue(column, a);
            const y = sortValue(column, b);
            const order = column.kind === 'text' ? collator.compare(x, y)
                : (x === null || x === undefined ? -1 : y === null || y === undefined ? 1 : x - y);
            return state.sort.ascending ? order : -order;
        });
        $('table-caption').textContent = t('caption', { date: state.asOf ? dateLabel(state.asOf) : t('today') });
        const head = document.createElement('tr');
        COLUMNS.forEach(c => {
            const th = document.createElement('th');
            th.scope = 'col';
            th.dataset.key = c.key;
            if (c.key === state.sort.key) {
                th.setAttribute('aria-sort', state.sort.ascending ? 'ascending' : 'descending');
            }
            const button = document.createElement('button');
            button.type = 'button';
            button.textContent = t('columns.' + c.key);
            button.addEventListener('click', () => {
                state.sort = { key: c.key, ascending: state.sort.key === c.key ? !state.sort.ascending : c.kind === 'text' };
                renderTable(false);
            });
            th.appendChild(button);
            head.appendChild(th);
        });
        table.tHead.replaceChildren(head);
        table.tBodies[0].replaceChildren(...rows.map(row => tableRow(row, markChanges)));
        table.tFoot.replaceChildren(...(state.national ? [tableRow(state.national, markChanges)] : []));
        const national = state.national;
        $('empty').hidden = !(national && national.referrals === 0 && national.agreements === 0);
    }

    function tableRow(row, markChanges) {
        const tr = document.createElement('tr');
        tr.dataset.region = row.region || 'national';
        COLUMNS.forEach((c, i) => {
            const cell = document.createElement(i === 0 ? 'th' : 'td');
            if (i === 0) {
                cell.scope = 'row';
            }
            cell.dataset.key = c.key;
            cell.textContent = formatted(c, row);
            const id = tr.dataset.region + '/' + c.key;
            const before = state.shown.get(id);
            if (markChanges && before !== undefined && before !== cell.textContent) {
                cell.classList.add('changed');
                setTimeout(() => cell.classList.remove('changed'), 2500);
            }
            state.shown.set(id, cell.textContent);
            tr.appendChild(cell);
        });
        return tr;
    }

    /** Exactly what the table shows, in its order: the regions, then the national row. */
    function csv() {
        const quote = text => '"' + String(text).replace(/"/g, '""') + '"';
        const lines = [COLUMNS.map(c => quote(t('columns.' + c.key))).join(',')];
        document.querySelectorAll('#figures tbody tr, #figures tfoot tr').forEach(tr => {
            lines.push([...tr.children].map(cell => quote(cell.textContent)).join(','));
        });
        return lines.join('\r\n') + '\r\n';
    }

    function download() {
        const blob = new Blob(['\uFEFF' + csv()], { type: 'text/csv;charset=utf-8' });
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = 'ips-outcomes-' + (state.asOf || new Date().toISOString().slice(0, 10)) + '.csv';
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }

    /** The international benchmarks as vertical lines across the employment rates, labelled at the top. */
    const benchmarkLines = {
        id: 'benchmarks',
        afterDatasetsDraw(chart) {
            const { ctx, chartArea, scales } = chart;
            ctx.save();
            ctx.font = '12px system-ui, sans-serif';
            BENCHMARKS.forEach((level, i) => {
                const x = scales.x.getPixelForValue(level);
                ctx.setLineDash([6, 4]);
                ctx.strokeStyle = '#4d4d4d';
                ctx.beginPath();
                ctx.moveTo(x, chartArea.top);
                ctx.lineTo(x, chartArea.bottom);
                ctx.stroke();
                ctx.fillStyle = '#1a1a1a';
                ctx.fillText(t('benchmark')[level], x + 4, chartArea.top + 12 + i * 14);
            });
            ctx.restore();
        }
    };

    /** A county's name without the words every name shares, for the chart's narrow labels. */
    function shortName(code) {
        return regionName(code).replace(/ hyvinvointialue$| välfärdsområde$| Wellbeing Services County$/, '');
    }

    function renderRateChart() {
        const rows = [...state.rows].sort((a, b) => new Intl.Collator(LOCALES[state.lang]).compare(shortName(a.region), shortName(b.region)));
        const data = {
            labels: rows.map(row => shortName(row.region)),
            datasets: [{
                label: t('columns.employmentRate'), backgroundColor: '#005a9c',
                data: rows.map(row => row.employmentRate === null ? null : Math.round(row.employmentRate * 1000) / 10)
            }]
        };
        if (state.rateChart) {
            state.rateChart.data = data;
            state.rateChart.update('none');
            return;
        }
        state.rateChart = new Chart($('rate-chart'), {
            type: 'bar', data, plugins: [benchmarkLines],
            options: {
                indexAxis: 'y', maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } },
                scales: { x: { min: 0, suggestedMax: 60, ticks: { callback: value => value + ' %' } }, y: { ticks: { autoSkip: false } } }
            }
        });
    }

    async function renderTrend() {
        const to = (state.asOf || new Date().toISOString()).slice(0, 7);
        const region = $('trend-region').value;
        const national = await getJson('/api/v1/outcomes/monthly?from=' + FIRST_MONTH + '&to=' + to);
        const chosen = region ? await getJson('/api/v1/outcomes/monthly?region=' + region + '&from=' + FIRST_MONTH + '&to=' + to) : [];
        const points = rows => rows.map(row => row.employmentRate === null ? null : Math.round(row.employmentRate * 1000) / 10);
        const data = {
            labels: national.map(row => row.asOf.slice(0, 7)),
            datasets: [{ label: t('national'), data: points(national), borderColor: '#1a1a1a', spanGaps: true }]
                .concat(region ? [{ label: regionName(region), data: points(chosen), borderColor: '#005a9c', spanGaps: true }] : [])
        };
        if (state.trendChart) {
            state.trendChart.data = data;
            state.trendChart.update('none');
            return;
        }
        state.trendChart = new Chart($('trend-chart'), {
            type: 'line', data,
            options: {
                maintainAspectRatio: false, animation: false, elements: { point: { radius: 0 } },
                scales: { y: { min: 0, suggestedMax: 60, ticks: { callback: value => value + ' %' } } }
            }
        });
    }

    function dateLabel(iso) {
        return new Intl.DateTimeFormat(LOCALES[state.lang], { day: 'numeric', month: 'numeric', year: 'numeric' })
            .format(new Date(iso + 'T12:00:00'));
    }

    /** A review's month, as 3/2024: when it was made, without the day. */
    function monthLabel(iso) {
        return new Intl.DateTimeFormat(LOCALES[state.lang], { month: 'numeric', year: 'numeric' }).format(new Date(iso + 'T12:00:00'));
    }

    function fillAsOf() {
        const select = $('as-of');
        const options = [new Option(t('today'), '')];
        const month = new Date();
        month.setDate(1);
        for (let end = new Date(month.getFullYear(), month.getMonth(), 0); end >= new Date(2020, 0, 31);
             end = new Date(end.getFullYear(), end.getMonth(), 0)) {
            const iso = end.getFullYear() + '-' + String(end.getMonth() + 1).padStart(2, '0') + '-' + String(end.getDate()).padStart(2, '0');
            options.push(new Option(dateLabel(iso), iso));
        }
        select.replaceChildren(...options);
        select.value = state.asOf;
    }

    function fillTrendRegions() {
        const select = $('trend-region');
        const chosen = select.value || (state.session.regions[0] || '');
        const codes = Object.keys(state.session.regionNames).filter(code => state.session.roles.includes('COORDINATOR')
            || state.session.regions.includes(code));
        select.replaceChildren(new Option('–', ''), ...codes.map(code => new Option(regionName(code), code)));
        select.value = chosen;
    }

    function renderLive() {
        const live = $('live');
        live.textContent = live.dataset.state === 'live'
            ? t('live') + (live.dataset.updated ? ', ' + t('updated', { time: live.dataset.updated }) : '')
            : t('reconnecting');
    }

    function listen() {
        const events = new EventSource('/api/v1/outcomes/live');
        let interrupted = false;
        events.onopen = () => {
            $('live').dataset.state = 'live';
            renderLive();
            // Figures may have changed unannounced while the stream was down (it ends as its token expires).
            if (interrupted) {
                scheduleRefresh(250);
            }
            interrupted = false;
        };
        events.onerror = () => {
            interrupted = true;
            $('live').dataset.state = 'reconnecting';
            renderLive();
            // The browser gives up on an answer that is no stream (401 once the login's token has expired, 503
            // while outcomes-service is down): reading the figures sends an expired login to log in again, and a new stream follows.
            if (events.readyState === EventSource.CLOSED) {
                scheduleRefresh(0);
                setTimeout(listen, RETRY_SECONDS * 1000);
            }
        };
        events.addEventListener('figures-changed', () => scheduleRefresh(250));
    }

    function applyLanguage() {
        document.documentElement.lang = state.lang;
        document.title = t('title');
        document.querySelectorAll('[data-text]').forEach(node => { node.textContent = t(node.dataset.text); });
        $('language').value = state.lang;
        const roles = state.session.roles.map(role => t('roles.' + role) || role).join(', ');
        const regions = state.session.roles.includes('COORDINATOR') ? '' : ' · ' + state.session.regions.map(regionName).join(', ');
        $('user').textContent = state.session.name + ' (' + roles + regions + ')';
        fillAsOf();
        fillTrendRegions();
        renderLive();
        if (state.rows.length || state.national) {
            renderTable(false);
            renderRateChart();
            renderTrend().catch(showProblem);
        }
    }

    async function start() {
        try {
            state.session = await getJson('/dashboard/session');
        } catch (e) {
            showProblem();
            setTimeout(start, RETRY_SECONDS * 1000);
            return;
        }
        applyLanguage();
        $('language').addEventListener('change', event => {
            state.lang = event.target.value;
            localStorage.setItem('ips.language', state.lang);
            applyLanguage();
        });
        $('as-of').addEventListener('change', event => { state.asOf = event.target.value; state.shown.clear(); refresh(); });
        $('trend-region').addEventListener('change', () => renderTrend().catch(showProblem));
        $('download').addEventListener('click', download);
        await refresh();
        listen();
    }

    window.ipsDashboard = { csv };
    start();
})();
