import { CATEGORY_LABELS, type CategoryId } from '@contract/sorting'
import type { CityRule } from '@contract/identity'

export interface CategoryGuide {
  belongs: string
  notBelongs: string
  mistakes: string
  howTo: string
}

/** What each bin takes, in the words of the compound's city rules. */
export function guideFor(city: CityRule, id: CategoryId): CategoryGuide {
  const L = CATEGORY_LABELS[city]
  const guides: Record<CategoryId, CategoryGuide> = {
    recyclable: {
      belongs: '废纸、纸箱、塑料瓶、易拉罐、玻璃瓶、金属、旧衣服、旧家电和电子产品。',
      notBelongs: `用过的纸巾、沾了油污的外卖盒和纸盒、陶瓷（这些是${L.residual}）。`,
      mistakes: `快递单、胶带要撕下（${L.residual}）；利乐包、瓶子要倒空冲洗；碎玻璃和刀具要包好。`,
      howTo: '轻投轻放；清洁干燥、避免污染；纸箱压扁，瓶罐倒空。',
    },
    hazardous: {
      belongs: '充电电池、纽扣电池、荧光灯管和节能灯、过期药品、水银温度计、油漆桶、杀虫剂。',
      notBelongs: `普通一次性干电池（${L.residual}）、LED 灯泡和白炽灯泡（${L.residual}）、药盒和说明书（${L.recyclable}）。`,
      mistakes: '过期药连同铝箔板一起投，纸盒另外回收；灯管不要敲碎。',
      howTo: '投放时注意轻放；易破损的连同包装一起投；有液体的要密封，不要倒进下水道。',
    },
    kitchen: {
      belongs: '剩菜剩饭、果皮果核、菜叶菜根、鸡鸭鱼的小骨头、蛋壳、茶叶渣、咖啡渣、过期食品、家养花草。',
      notBelongs: `大骨头、贝壳、榴莲壳、椰子壳（${L.residual}）；餐盒、塑料袋、纸巾。`,
      mistakes: `奶茶先把液体倒进下水道，珍珠果粒是${L.kitchen}，杯子是${L.residual}。`,
      howTo: `沥干水分后破袋投放，塑料袋另投${L.residual}；有包装的食物要去掉包装。`,
    },
    residual: {
      belongs: '用过的纸巾、尿不湿、烟头、陶瓷、大骨头、贝壳、猫砂、普通干电池、脏污的塑料袋和餐盒。',
      notBelongs: `能回收的纸、塑料、金属、玻璃（${L.recyclable}）；电池灯管药品（${L.hazardous}）。`,
      mistakes: `纸巾遇水即溶不能回收；大骨头不是${L.kitchen}；一次性干电池不是${L.hazardous}。`,
      howTo: '尽量沥干水分；难以辨识的生活垃圾投入此类。',
    },
  }
  return guides[id]
}
