/* Placing the rows of an inline with a 순서 (reports.admin_base.ReportTabularInline), with the
   keyboard as well as by drag and drop.

   django-admin-sortable2 marks such a fieldset `sortable`, hides the 순서 input (class _reorder_)
   and lets a saved row be dragged among the saved rows. Here every row, a new one included, gets
   ▲ and ▼ buttons in the 순서 column; each move (and each drag) renumbers the inputs 1, 2, 3… in
   the order the rows stand, so what is saved is the order seen. A new row never moved keeps 0 and
   the server puts it after the last row. */
'use strict';
{
    const MOVES = [
        {step: -1, symbol: '▲', word: '위로', edge: '맨 위 줄입니다.'},
        {step: 1, symbol: '▼', word: '아래로', edge: '맨 아래 줄입니다.'},
    ];

    const orderInput = row => row.querySelector('input._reorder_');
    const isSaved = row => row.classList.contains('has_original');

    function formRows(tbody) {
        return Array.from(tbody.querySelectorAll(':scope > tr.form-row:not(.empty-form)')).filter(orderInput);
    }

    // A row with errors has them in the table row just above it: they move together.
    function withErrors(row) {
        const above = row.previousElementSibling;
        return above && above.classList.contains('row-form-errors') ? [above, row] : [row];
    }

    function renumber(tbody) {
        formRows(tbody).forEach((row, index) => { orderInput(row).value = String(index + 1); });
        describe(tbody);
    }

    function describe(tbody) {
        formRows(tbody).forEach((row, index) => {
            row.querySelectorAll('button.order-move').forEach(button => {
                button.setAttribute('aria-label', `${index + 1}번째 줄을 한 칸 ${button.dataset.word} 옮기기`);
            });
        });
    }

    function announce(tbody, text) {
        tbody.closest('fieldset').querySelector('.order-status').textContent = text;
    }

    function move(button) {
        const row = button.closest('tr');
        const tbody = row.parentElement;
        const rows = formRows(tbody);
        const step = Number(button.dataset.step);
        const neighbour = rows[rows.indexOf(row) + step];
        if (!neighbour) {
            announce(tbody, MOVES.find(m => m.step === step).edge);
            return;
        }
        if (step < 0) {
            withErrors(neighbour)[0].before(...withErrors(row));
        } else {
            neighbour.after(...withErrors(row));
        }
        renumber(tbody);
        button.focus();  // moving the row took the focus away from it
        announce(tbody, `${rows.length}줄 가운데 ${formRows(tbody).indexOf(row) + 1}번째 줄로 옮겼습니다.`);
    }

    function addButtons(row) {
        const cell = orderInput(row).closest('td');
        cell.classList.remove('hidden');
        cell.classList.add('order-cell');
        for (const {step, symbol, word} of MOVES) {
            const button = document.createElement('button');
            button.type = 'button';
            button.className = 'order-move';
            button.dataset.step = String(step);
            button.dataset.word = word;
            button.title = `한 칸 ${word}`;
            button.textContent = symbol;
            cell.append(button);
        }
    }

    // A form shown again after a refused save lists its rows in stored order: put them back in the
    // order chosen (a new row never moved, at 0, after the others).
    function showChosenOrder(tbody) {
        const rank = row => Number(orderInput(row).value) || (isSaved(row) ? 0 : Infinity);
        const rows = formRows(tbody);
        const chosen = rows.map((row, index) => ({row, index}))
            .sort((a, b) => (rank(a.row) - rank(b.row)) || (a.index - b.index))
            .map(entry => entry.row);
        if (chosen.every((row, index) => row === rows[index])) {
            return;
        }
        const template = tbody.querySelector(':scope > tr.empty-form');
        for (const row of chosen) {
            for (const part of withErrors(row)) {
                tbody.insertBefore(part, template);
            }
        }
    }

    // Removing a new row makes Django renumber the forms in the order of the page. The saved rows
    // must keep the first numbers (the formset reads them as the existing rows), so after a new row
    // was moved above a saved one, number the saved rows first and the new ones after them.
    function savedFormsFirst(tbody, prefix) {
        const rows = formRows(tbody);
        const pattern = new RegExp(`${prefix}-(\\d+|__prefix__)`);
        [...rows.filter(isSaved), ...rows.filter(row => !isSaved(row))].forEach((row, index) => {
            for (const element of [row, ...row.querySelectorAll('[id], [name], [for]')]) {
                for (const attribute of ['id', 'name', 'for']) {
                    const value = element.getAttribute(attribute);
                    if (value) {
                        element.setAttribute(attribute, value.replace(pattern, `${prefix}-${index}`));
                    }
                }
            }
        });
    }

    // The 순서 column, hidden by sortable2, shows the buttons instead of the number.
    function showOrderColumn(fieldset, rows) {
        const column = orderInput(rows[0]).closest('td').cellIndex;
        const header = fieldset.querySelector('thead tr').cells[column];
        header.classList.remove('hidden');
        header.classList.add('order-cell');
        rows.forEach(addButtons);
        const status = document.createElement('p');
        status.className = 'order-status visually-hidden';
        status.setAttribute('role', 'status');
        fieldset.append(status);
    }

    function setUp(fieldset) {
        const tbody = fieldset.querySelector('table tbody');
        const template = tbody && tbody.querySelector(':scope > tr.empty-form');
        const rowsAndTemplate = tbody ? [...formRows(tbody), ...(template && orderInput(template) ? [template] : [])] : [];
        if (rowsAndTemplate.length === 0) {
            return;  // no row to place, and none may be added
        }
        showOrderColumn(fieldset, rowsAndTemplate);
        showChosenOrder(tbody);
        describe(tbody);

        fieldset.addEventListener('click', event => {
            const button = event.target.closest('button.order-move');
            if (button) {
                move(button);
            } else if (event.target.closest('span.sort i')) {
                renumber(tbody);  // sortable2's 맨 위로 / 맨 아래로 numbered the saved rows only
            }
        });
        // SortableJS announces the end of a drag before sortable2 renumbers: renumber after it.
        tbody.addEventListener('end', () => setTimeout(() => renumber(tbody)));
    }

    document.addEventListener('formset:added', event => {
        const tbody = event.target.closest('fieldset.sortable tbody');
        if (tbody) {
            describe(tbody);
        }
    });
    document.addEventListener('formset:removed', event => {
        const prefix = event.detail.formsetName;
        const tbody = document.querySelector(`#${prefix}-group fieldset.sortable tbody`);
        if (tbody) {
            // Django renumbers the forms after announcing the removal.
            setTimeout(() => { savedFormsFirst(tbody, prefix); describe(tbody); });
        }
    });
    window.addEventListener('load', () => {
        document.querySelectorAll('fieldset.sortable').forEach(setUp);
    });
}
