using System.Globalization;
using System.Text;
using Model = AfterSales.Inventory.Model;

namespace AfterSales.Inventory.Grpc;

/// <summary>
/// The receiving slip (备用件接收单, §2 3.7.2) a receipt is booked on, filled in duplicate: the first copy stays with
/// the warehouse's ledger, the second goes to finance. Plain text, so it reads and prints as it is archived.
/// </summary>
internal static class ReceivingSlipForm
{
    public const string TemplateCode = "RECEIVING-SLIP";
    public const string MediaType = "text/plain; charset=utf-8";

    private static readonly string[] Copies = ["第一联 仓库记账", "第二联 财务留存"];

    /// <param name="bookedByName">Who booked it, as the slip prints them (the record keeps their id).</param>
    public static byte[] Render(Model.ReceivingSlip slip, Model.Warehouse warehouse, IReadOnlyList<(Model.Part Part, int Quantity)> lines,
        string bookedByName, DateTimeOffset bookedAtLocal)
    {
        var text = new StringBuilder();
        var total = lines.Sum(l => l.Part.UnitPrice * l.Quantity);
        foreach (var copy in Copies)
        {
            text.Append(CultureInfo.InvariantCulture, $"备用件接收单 ({copy})\n");
            text.Append(CultureInfo.InvariantCulture, $"单号: {slip.Number}    供应商: {slip.Supplier}\n");
            text.Append(CultureInfo.InvariantCulture, $"入库: {warehouse.Name} ({warehouse.Code})    日期: {bookedAtLocal:yyyy-MM-dd HH:mm}    经办: {bookedByName}\n");
            text.Append("序号 | 零件号 | 名称 | 规格 | 单位 | 数量 | 单价 (元) | 金额 (元)\n");
            for (var i = 0; i < lines.Count; i++)
            {
                var (part, quantity) = lines[i];
                text.Append(CultureInfo.InvariantCulture,
                    $"{i + 1} | {part.PartNumber} | {part.Name} | {part.Specification} | {part.Unit} | {quantity} | {part.UnitPrice:0.00} | {part.UnitPrice * quantity:0.00}\n");
            }
            text.Append(CultureInfo.InvariantCulture, $"合计: {lines.Sum(l => l.Quantity)} 件, {total:0.00} 元\n");
            text.Append("仓库签收: ____________    交货人: ____________\n\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
