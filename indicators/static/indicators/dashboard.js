// Draws the dashboard's charts from the figures the page carries in #dashboard-data (json_script):
// the site's CSP forbids inline scripts, so the data travels as JSON and the drawing lives here.
(() => {
  "use strict";
  const source = document.getElementById("dashboard-data");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);
  const PALETTE = ["#b91c1c", "#2563eb", "#d97706", "#059669", "#7c3aed"];
  const PRINT_WIDTH = 680; // the print stylesheet's chart width
  const FONT = '"PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei","Noto Sans CJK SC",sans-serif';
  const charts = [];

  // as the tables write them: no thousands separator (Chinese usage, as in the annual summary)
  const number = (value) => (value === null || value === undefined ? "—" : String(value));

  // SVG prints sharply at any scale; the tooltip is drawn in the chart (richText), since HTML
  // tooltips carry style attributes that the CSP refuses.
  const draw = (element, option) => {
    const chart = window.echarts.init(element, null, { renderer: "svg", locale: "ZH" });
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: FONT },
      aria: { enabled: true },
      tooltip: { trigger: "axis", renderMode: "richText", axisPointer: { type: "shadow" } },
      ...option,
    });
    charts.push(chart);
    return chart;
  };

  const unitsOf = (series) => [...new Set(series.map((s) => s.unit))].join(" / ");
  // a count's axis steps by whole numbers (no 0.2 of a person); sums in 万元 and rates may not
  const stepOf = (series) => (series.every((s) => s.whole) ? { minInterval: 1 } : {});

  document.querySelectorAll("[data-trend]").forEach((element) => {
    const trend = data.trends[Number(element.dataset.trend)];
    draw(element, {
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 48, bottom: 4, containLabel: true },
      xAxis: { type: "category", data: trend.years.map((y) => `${y}年`) },
      // the unit sits above the axis, starting at it, so a long one is not cut at the chart's edge
      yAxis: { type: "value", name: unitsOf(trend.series), nameGap: 14, nameTextStyle: { align: "left" }, ...stepOf(trend.series) },
      series: trend.series.map((s) => ({
        name: s.name, type: trend.kind, data: s.data, barMaxWidth: 28, symbolSize: 6,
        label: { show: trend.years.length <= 4 && trend.series.length <= 2, position: "top", formatter: (p) => number(p.value) },
        tooltip: { valueFormatter: (v) => `${number(v)} ${s.unit}` },
      })),
    });
  });

  const element = document.querySelector("[data-breakdown]");
  if (element) {
    const { orgs, series } = data.breakdown;
    const TOP = 15; // a street has ~50 unions: the chart ranks the first ones, the table lists all
    element.style.height = `${Math.max(200, Math.min(orgs.length, TOP) * 30 + 40)}px`;
    const chart = draw(element, { grid: { left: 8, right: 48, top: 8, bottom: 4, containLabel: true } });
    const caption = document.querySelector("[data-breakdown-caption]");
    const show = (index) => {
      const s = series[index];
      // largest on top (a category axis runs bottom-up): a ranking reads from the top down
      // (ties keep the table's order, top down)
      const rows = orgs.map((name, i) => ({ name, i, value: s.data[i] }))
        .sort((a, b) => (a.value ?? -1) - (b.value ?? -1) || b.i - a.i).slice(-TOP);
      chart.setOption({
        xAxis: { type: "value", name: s.unit, minInterval: s.whole ? 1 : 0 },
        yAxis: { type: "category", data: rows.map((r) => r.name), axisTick: { show: false } },
        series: [{
          name: s.name, type: "bar", data: rows.map((r) => r.value), barMaxWidth: 18,
          label: { show: true, position: "right", formatter: (p) => number(p.value) },
          tooltip: { valueFormatter: (v) => `${number(v)} ${s.unit}` },
        }],
      }, { replaceMerge: ["series"] });
      if (caption) {
        caption.textContent = `${s.name}（${s.unit}）` + (orgs.length > TOP ? `，前 ${TOP} 个（共 ${orgs.length} 个）` : "");
      }
    };
    const select = document.querySelector("[data-breakdown-key]");
    if (select) select.addEventListener("change", () => show(Number(select.value)));
    show(select ? Number(select.value) : 0);
  }

  let resizing = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => charts.forEach((c) => c.resize()), 150);
  });
  // Printed charts have one fixed width whatever the screen was; back to the screen's afterwards.
  window.addEventListener("beforeprint", () => charts.forEach((c) => c.resize({ width: PRINT_WIDTH })));
  window.addEventListener("afterprint", () => charts.forEach((c) => c.resize()));
})();
